/** The Node DOMs the CLIs use. */
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { textOf } from '../../utils/webmail/text';

/** linkedom: parses like a browser, fast, with no styles or layout. Enough to read text. */
export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

export function htmlToText(html: string): string {
  return textOf(parseDocument(html));
}

/**
 * happy-dom, for what depends on styles: the page's own <style> rules and inline styles cascade
 * into getComputedStyle, so a field a stylesheet class hides is hidden here too. It runs none of
 * the page's scripts and fetches nothing. There is no layout, so sizes are the declared ones.
 */
export function parseStyledDocument(html: string, url = 'https://localhost/'): Document {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}
