/** One matched pair: a vendor account and a partner account that are the same company. */
export interface AccountMatch {
  vendorId: string;
  partnerId: string;
  /** 0..1, three decimals; at least the threshold the match was made with. */
  score: number;
  /** The evidence in a few words: "same domain acme.co.uk", "name 'acme' = 'acme' (1.00), same country DE". */
  reason: string;
}
