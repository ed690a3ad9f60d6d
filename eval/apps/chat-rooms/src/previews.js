'use strict';

// The unfurl service fetches a page's title and image for link previews.
function createPreviewClient(baseUrl) {
  return {
    async unfurl(url) {
      const res = await fetch(`${baseUrl}/unfurl?url=${encodeURIComponent(url)}`);
      if (!res.ok) return null;
      return res.json();
    },
  };
}

module.exports = { createPreviewClient };
