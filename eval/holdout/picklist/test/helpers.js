import { createApp } from "../src/app.js";
import { createWarehouse, SEED } from "../src/domain/warehouse.js";

export async function startApp() {
  const errors = [];
  const { server, warehouse } = createApp({ warehouse: createWarehouse(SEED), onError: (error) => errors.push(error) });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const call = async (method, path, body) => {
    const res = await fetch(base + path, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: await res.json() };
  };
  return { call, warehouse, errors, close: () => new Promise((resolve) => server.close(resolve)) };
}
