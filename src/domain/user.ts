export type UserId = string;

export interface User {
  readonly id: UserId;
  readonly attributes: Readonly<Record<string, string>>;
}
