const { buildApp } = require('./build-app');
const { createKitchenBridge } = require('./kitchen/bridge');

const app = buildApp({
  kitchen: createKitchenBridge(process.env.KITCHEN_BRIDGE_URL || 'http://kitchen-bridge.local:7070'),
  report: (error) => console.error(error),
});
app.listen({ port: Number(process.env.PORT) || 8080, host: '0.0.0.0' });
