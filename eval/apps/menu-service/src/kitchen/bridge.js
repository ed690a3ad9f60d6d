// The kitchen bridge is a small box in each restaurant that prints tickets per station.
function createKitchenBridge(baseUrl) {
  return {
    async send(order) {
      const response = await fetch(`${baseUrl}/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(order),
      });
      if (!response.ok) throw new Error(`kitchen bridge answered ${response.status}`);
      return response.json();
    },
  };
}

module.exports = { createKitchenBridge };
