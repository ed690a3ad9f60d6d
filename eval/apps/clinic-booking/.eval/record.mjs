// Records clinic-booking v3.8.1 in production: the booking app and the front-desk kiosk hit the
// API through the morning rush. The kiosk build still caches vets who left the clinic in October
// (v_103, v_106, …), and the new "quick add" form on the kiosk posts pets without their owner.
// Every event comes from a real request to the app; errors are what its reporter captured.
//
//   node .eval/record.mjs

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createRecording, listen } from "../../../tools/recorder.mjs";

const require = createRequire(import.meta.url);
const appRoot = fileURLToPath(new URL("../", import.meta.url));
const { createApp } = require("../src/app.js");

const rec = createRecording({
  appRoot,
  deployRoot: "/srv/clinic-booking/",
  release: "v3.8.1",
  origin: "https://api.pawsandclaws.vet",
  start: "2026-11-16T07:40:00Z",
  seed: 0xc1a1c,
  tags: { service: "clinic-booking", region: "eu-central-1" },
  recordedHeaders: () => ({ "x-forwarded-proto": "https" }),
});
const { rand } = rec;

rec.expect("vet-not-found", { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'slotMinutes'\)$/, status: 500 });
rec.expect("pet-without-owner", { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'phone'\)$/, status: 500 });
rec.expect("slot-taken", { type: "HttpError", message: /^Slot already booked for /, status: 409, level: "warning" });

const PETS = ["p_2001", "p_2002", "p_2003", "p_2004"];
const VETS_FOR = { p_2001: ["v_101", "v_102", "v_105"], p_2002: ["v_101", "v_102", "v_104"], p_2003: ["v_102"], p_2004: ["v_104"] };
const GONE_VETS = ["v_103", "v_106", "v_103", "v_107", "v_103"];
const CLIENTS = ["booking-web/4.2.0", "PawsApp/2.9.1 (iOS 18.1)", "PawsApp/2.9.0 (Android 15)"];
const KIOSK = "front-desk-kiosk/1.14.0";
const NAMES = ["Luna", "Milo", "Nala", "Oscar", "Pepper", "Ziggy", "Bella", "Toffee", "Kiwi", "Juno"];
const SPECIES = ["dog", "cat", "rabbit", "cat", "dog", "bird"];
const PEOPLE = [
  ["Jana Köhler", "0151 2233 4455"],
  ["Ole Hansen", "+49 160 5566778"],
  ["Sara Lindqvist", "0176-3344-5566"],
  ["Marco Bellini", "0049 171 2345678"],
  ["Eda Yilmaz", "0152 99887766"],
];

function slotOn(day, hour, minute = rand.pick(["00", "20", "40"])) {
  return `2026-11-${day}T${String(hour).padStart(2, "0")}:${minute}:00.000Z`;
}

function headers(client) {
  return { "user-agent": client, accept: "application/json" };
}

// Healthy traffic.
for (let i = 0; i < 34; i += 1) {
  const path = rand.pick(["/vets", "/vets?clinic=c_north", "/vets?species=cat", "/vets?clinic=c_harbour&species=dog"]);
  rec.add({ kind: "ok", request: { method: "GET", path, headers: headers(rand.pick(CLIENTS)) }, ms: 6 });
}
for (let i = 0; i < 14; i += 1) {
  const vet = rand.pick(["v_101", "v_102", "v_104", "v_105"]);
  const path = rand.chance(0.5) ? `/vets/${vet}` : `/vets/${vet}/appointments?day=2026-11-${rand.pick(["17", "18"])}`;
  rec.add({ kind: "ok", request: { method: "GET", path, headers: headers(rand.pick(CLIENTS)) }, ms: 8 });
}
for (let i = 0; i < 12; i += 1) {
  const pet = rand.pick(PETS);
  rec.add({ kind: "ok", request: { method: "GET", path: `/pets/${pet}`, headers: headers(rand.pick(CLIENTS)) }, ms: 7 });
}
// Each booking gets its own hour on its own day, so healthy bookings never clash.
const freeSlots = [];
for (const day of ["17", "18", "19", "20"]) for (let hour = 9; hour <= 16; hour += 1) freeSlots.push([day, hour]);
for (let i = 0; i < 22; i += 1) {
  const pet = rand.pick(PETS);
  const [day, hour] = freeSlots.splice(rand.int(0, freeSlots.length - 1), 1)[0];
  const json = { petId: pet, vetId: rand.pick(VETS_FOR[pet]), startsAt: slotOn(day, hour, "00"), reason: rand.pick(["vaccination", "check-up", "dental", "limping"]) };
  rec.add({ kind: "ok", status: 201, request: { method: "POST", path: "/appointments", headers: headers(rand.pick(CLIENTS)), json }, ms: 24 });
}
for (let i = 0; i < 8; i += 1) {
  const [name, phone] = rand.pick(PEOPLE);
  const json = { name: rand.pick(NAMES), species: rand.pick(SPECIES), owner: { name, phone } };
  rec.add({ kind: "ok", status: 201, request: { method: "POST", path: "/pets", headers: headers(rand.pick([KIOSK, "booking-web/4.2.0"])), json }, ms: 18 });
}

// The 21st, 08:00–12:00, is reserved for double bookings: the second request for a vet and hour
// clashes with the first, which comes a minute earlier.
for (let i = 0; i < 6; i += 1) {
  const pet = rand.pick(["p_2001", "p_2002"]);
  const vetId = ["v_101", "v_102"][i % 2];
  const startsAt = `2026-11-21T${String(8 + Math.floor(i / 2)).padStart(2, "0")}:00:00.000Z`;
  const first = rec.at(2, 24);
  const json = { petId: pet, vetId, startsAt, reason: "check-up" };
  rec.add({ kind: "ok", status: 201, at: first, request: { method: "POST", path: "/appointments", headers: headers(rand.pick(CLIENTS)), json }, ms: 22 });
  rec.add({ kind: "slot-taken", at: first + rand.int(20_000, 60_000), request: { method: "POST", path: "/appointments", headers: headers(rand.pick(CLIENTS)), json: { ...json, petId: pet === "p_2001" ? "p_2002" : "p_2001" } }, ms: 9 });
}

// The kiosk offers vets who left.
for (let i = 0; i < 17; i += 1) {
  const pet = rand.pick(PETS);
  const json = { petId: pet, vetId: rand.pick(GONE_VETS), startsAt: slotOn(rand.pick(["17", "18", "19"]), rand.int(9, 16)), reason: rand.pick(["vaccination", "check-up"]) };
  rec.add({ kind: "vet-not-found", at: rec.at(6, 29), request: { method: "POST", path: "/appointments", headers: headers(KIOSK), json }, ms: 5 });
}

// Quick add: name and species only.
for (let i = 0; i < 11; i += 1) {
  const json = { name: rand.pick(NAMES), species: rand.pick(SPECIES), ...(rand.chance(0.4) ? { breed: rand.pick(["beagle", "maine coon", "lop"]) } : {}) };
  rec.add({ kind: "pet-without-owner", at: rec.at(12, 29), request: { method: "POST", path: "/pets", headers: headers(KIOSK), json }, ms: 4 });
}

let captured = null;
const app = createApp({
  reporter: {
    capture(err) {
      captured = err;
    },
  },
});
const server = await listen(app.listen(0, "127.0.0.1"));
rec.onCleanup(() => server.close());

await rec.run(async (item) => {
  captured = null;
  const { status } = await rec.httpSend(server.url, item);
  return { status, error: captured };
});
await rec.write();
