// A static site: every page is prerendered as a shell and runs in the browser only.
export const prerender = true;
export const ssr = false;
