/** The window event the inbox fires when it marks notices read (the menu's unread badge listens to it). */
export const INBOX_CHANGED = 'huiqi:inbox-changed';
