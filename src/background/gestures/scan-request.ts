/** storage.session key: the tab a scan gesture was made on, read once by the popup it opens. */
export const SCAN_REQUEST_KEY = 'ui.openScanFor';
