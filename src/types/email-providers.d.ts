// The package ships no types: its default export is the list of free e-mail provider domains.
declare module 'email-providers' {
  const domains: string[];
  export default domains;
}
