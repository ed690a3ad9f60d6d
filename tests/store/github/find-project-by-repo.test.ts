import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProjectByRepo } from "../../../src/store/github/find-project-by-repo.ts";
import { createProject } from "../../../src/store/projects/create-project.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database.ts";

// One repository identity, on save and on use: however a project's repository was written, the
// webhook's owner/name finds it, and a project saved now stores owner/name.

describe.each(testDrivers)("projects by repository on %s", (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(async () => db?.drop());

  it("saves a GitHub repository written as a URL as owner/name", async () => {
    const { project } = await createProject(db.sql, { name: "saved-as-url", repo: "https://github.com/Acme/Shop-Web.git" });
    expect(project.repo).toBe("Acme/Shop-Web");
    expect(await findProjectByRepo(db.sql, "acme/shop-web")).toMatchObject({ id: project.id });
  });

  it("keeps a local directory as written", async () => {
    const { project } = await createProject(db.sql, { name: "local", repo: "/srv/acme/shop-local" });
    expect(project.repo).toBe("/srv/acme/shop-local");
    expect(await findProjectByRepo(db.sql, "acme/shop-local")).toBeNull();
  });

  it("finds rows saved as a URL before repositories were normalised, and only the right one", async () => {
    const { project: other } = await createProject(db.sql, { name: "other", repo: "acme/shop-legacy-2" });
    const { project } = await createProject(db.sql, { name: "legacy", repo: "acme/placeholder" });
    await db.sql.query(`update healing.projects set repo = $2 where id = $1`, [project.id, "git@github.com:acme/shop-legacy.git"]);
    expect(await findProjectByRepo(db.sql, "Acme/Shop-Legacy")).toMatchObject({ id: project.id });
    expect(await findProjectByRepo(db.sql, "acme/shop-legacy-2")).toMatchObject({ id: other.id });
    expect(await findProjectByRepo(db.sql, "not a repository")).toBeNull();
  });
});
