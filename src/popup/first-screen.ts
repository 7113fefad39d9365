/** Rows that fit the popup at first (its list is 380 px tall), plus the overscan below: their codes come with the first state. */
export const FIRST_SCREEN_ROWS = 11;
