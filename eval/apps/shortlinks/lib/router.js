'use strict';

// A tiny router: routes are [method, pattern, handler]; patterns use :name segments.
function compile(pattern) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}$`), names };
}

function createRouter(routes) {
  const compiled = routes.map(([method, pattern, handler]) => ({ method, handler, ...compile(pattern) }));
  return function match(method, pathname) {
    for (const route of compiled) {
      if (route.method !== method) continue;
      const found = route.regex.exec(pathname);
      if (!found) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1])]));
      return { handler: route.handler, params };
    }
    return null;
  };
}

module.exports = { createRouter };
