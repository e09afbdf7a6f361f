// The package ships no types; it exports the CRC16 hash-slot function Redis Cluster uses for a key.
declare module 'cluster-key-slot' {
  export default function calculateSlot(key: string | Buffer): number;
}
