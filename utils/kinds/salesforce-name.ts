/**
 * The Salesforce kind's name, on its own so that the token-email reader
 * (utils/extract), which the kind itself uses for a token's shape, can name
 * the kind its captures become without the two importing each other.
 */
export const SALESFORCE: string = 'salesforce';
