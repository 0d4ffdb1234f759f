// Runs before the page is drawn: styles that depend on site.js (the folded phone navigation) apply from the first
// paint, so nothing moves when site.js arrives.
document.documentElement.classList.add("js");
