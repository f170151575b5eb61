import { describe, expect, it } from "vitest";
import { postgresTarget } from "../../src/db/postgres-url.js";

describe("a DATABASE_URL that names a Unix socket the libpq way", () => {
  it("takes the socket directory out of the URL and hands it to postgres.js as the host", () => {
    expect(postgresTarget("postgres://mores:pw@localhost:5433/mores?host=%2Fvar%2Frun%2Fpostgresql")).toEqual({
      url: "postgres://mores:pw@localhost:5433/mores",
      host: "/var/run/postgresql",
    });
  });

  it("keeps the URL's other parameters", () => {
    expect(postgresTarget("postgresql://m@db/mores?sslmode=disable&host=/tmp/pg&application_name=x")).toEqual({
      url: "postgresql://m@db/mores?sslmode=disable&application_name=x",
      host: "/tmp/pg",
    });
  });

  it("leaves every other URL as it is", () => {
    for (const url of [
      "postgres://m:pw@127.0.0.1:5432/mores",
      "postgres://m@db/mores?sslmode=require",
      "postgres://m@db/mores?host=db2.internal",
    ])
      expect(postgresTarget(url)).toEqual({ url });
  });
});
