/** A mailbox as the mail client shows it. Only `address` is ever trusted. */
export interface Sender {
  name: string;
  address: string;
}

/** One message, reduced to what extraction needs. Produced by webmail adapters and the .eml reader. */
export interface MessageInput {
  sender: Sender;
  subject: string;
  /** ISO 8601, when the source gave a date we could read unambiguously. */
  date?: string;
  bodyText: string;
  messageId?: string;
}

/** The kind a capture becomes (utils/kinds: one that declares `captures`). */
export type Provider = string;

/** A credential found in a message, ready to offer to the user. */
export interface Capture {
  provider: Provider;
  username: string;
  token: string;
  sender: Sender;
  subject: string;
  date?: string;
  messageId?: string;
}
