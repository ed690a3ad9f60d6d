import { createGateway } from "./gateway.ts";
import { createProjects } from "./projects.ts";

const projects = createProjects(JSON.parse(process.env.GAUGE_PROJECTS ?? "[]"));
createGateway({ projects }).server.listen(Number(process.env.PORT ?? 8080));
