import { describe, expect, it } from "vitest";
import { postgresTarget } from "../../src/lib/postgres-url.js";

describe("a DATABASE_URL with libpq's connection parameters in its query", () => {
  it("takes a Unix socket's directory out of the URL and hands it to postgres.js as the host", () => {
    expect(postgresTarget("postgres://mores:pw@localhost:5433/mores?host=%2Fvar%2Frun%2Fpostgresql")).toEqual({
      url: "postgres://mores:pw@localhost:5433/mores",
      options: { host: "/var/run/postgresql" },
    });
  });

  it("takes a host name and a port too, which override the URL's authority as in libpq", () => {
    expect(postgresTarget("postgres://m@db/mores?host=db2.internal&port=6432")).toEqual({
      url: "postgres://m@db/mores",
      options: { host: "db2.internal", port: 6432 },
    });
  });

  it("takes the user, the password and the database name", () => {
    expect(postgresTarget("postgresql:///?user=mores&password=p%40ss&dbname=moderation&host=%2Ftmp")).toEqual({
      url: "postgresql:///",
      options: { user: "mores", pass: "p@ss", database: "moderation", host: "/tmp" },
    });
  });

  it("keeps the URL's other parameters, which postgres.js reads or sends on itself", () => {
    expect(postgresTarget("postgresql://m@db/mores?sslmode=disable&host=/tmp/pg&application_name=x")).toEqual({
      url: "postgresql://m@db/mores?sslmode=disable&application_name=x",
      options: { host: "/tmp/pg" },
    });
  });

  it("drops an empty parameter, which libpq reads as not given", () => {
    expect(postgresTarget("postgres://m@db:5432/mores?host=&sslmode=require")).toEqual({
      url: "postgres://m@db:5432/mores?sslmode=require",
      options: {},
    });
  });

  it("refuses a port that is not one, naming it", () => {
    expect(() => postgresTarget("postgres://m@db/mores?port=54x2")).toThrow(
      "query parameter port=54x2 is not a port number",
    );
  });

  it("leaves a URL without them exactly as written", () => {
    for (const url of [
      "postgres://m:pw@127.0.0.1:5432/mores",
      "postgres://m@db/mores?sslmode=require&application_name=a%20b",
    ])
      expect(postgresTarget(url)).toEqual({ url, options: {} });
  });
});
