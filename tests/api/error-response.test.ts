import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponse, HttpError } from "@/lib/api/error-response";
import { ConflictError, ValidationError } from "@/lib/errors";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("REST API error responses", () => {
  it("maps a domain error's code to its status", async () => {
    const res = errorResponse(new ConflictError("Already there."));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "Already there." } });
  });

  it("adds the field messages of a validation error", async () => {
    const res = errorResponse(new ValidationError("Name is required.", { name: "Name is required." }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "validation_failed", message: "Name is required.", fields: { name: "Name is required." } } });
  });

  it("sets the headers an HttpError carries", () => {
    const res = errorResponse(new HttpError("rate_limited", "Slow down.", { "Retry-After": "2" }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
  });

  it("answers an unexpected error with a generic 500, logging it with its route (never the path, which may hold a token) but never sending its details", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failure = new Error("SQLITE_CORRUPT at /srv/data/app.db");
    const res = errorResponse(failure, new Request("http://localhost/api/v1/AcX/apps"));
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } });
    expect(text).not.toMatch(/SQLITE|app\.db|at /);
    expect(log).toHaveBeenCalledWith("Unexpected error in GET /api/v1/[accountId]/apps", failure);
    errorResponse(failure, new Request("http://localhost/api/hooks/whk_secret-token-value", { method: "POST" }));
    expect(log).toHaveBeenLastCalledWith("Unexpected error in POST /api/hooks/[token]", failure);
  });
});
