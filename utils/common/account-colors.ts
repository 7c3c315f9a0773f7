/**
 * The colours an account can carry: a stripe beside it in the list, and the
 * tab group its "Log in" tab opens in. They are the nine colours both
 * browsers' tab groups know (chrome.tabGroups.Color, Firefox's tabGroups),
 * so the stripe and the tab always agree.
 */
export const ACCOUNT_COLORS = ['grey', 'blue', 'red', 'yellow', 'green', 'pink', 'purple', 'cyan', 'orange'] as const;
export type AccountColor = (typeof ACCOUNT_COLORS)[number];

/** The stripe's paint for each colour: close to the browsers' tab-group colours, and at least 3:1 against the popup's white. */
export const STRIPE: Record<AccountColor, string> = {
  grey: '#5f6368',
  blue: '#1a73e8',
  red: '#d93025',
  yellow: '#b06000',
  green: '#188038',
  pink: '#d01884',
  purple: '#9334e6',
  cyan: '#007b83',
  orange: '#c26401',
};

/** "Blue": the colour's name as a person reads it in a list of choices. */
export const colorName = (color: AccountColor) => color[0]!.toUpperCase() + color.slice(1);

export const isAccountColor = (value: unknown): value is AccountColor => (ACCOUNT_COLORS as readonly unknown[]).includes(value);
