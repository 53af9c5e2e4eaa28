// Looks for secrets in text in every form they travel in: as they are, URL-encoded, hex, and
// base64 or base64url, also inside a longer encoded value (a Basic header encodes "user:secret"):
// for each of the three byte alignments, the characters that only the secret's bytes decide.

/** A text to search, and where it came from. */
export type Scanned = { where: string; text: string };

export type Finding = { where: string; secret: string; form: string };

function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Character i holds bits 6i to 6i+5; keep those wholly inside the secret's bits.
    return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
  });
}

/** Each text to look for, with the name of its form (the first name wins when two forms are the same text). */
export function secretForms(secret: string): Map<string, string> {
  const forms = new Map<string, string>();
  const add = (text: string, form: string) => forms.has(text) || forms.set(text, form);
  const hex = Buffer.from(secret, "utf8").toString("hex");
  add(secret, "as is");
  add(encodeURIComponent(secret), "URL-encoded");
  add(new URLSearchParams({ s: secret }).toString().slice("s=".length), "form-encoded");
  add(hex, "hex");
  add(hex.toUpperCase(), "hex");
  for (const core of base64Cores(secret)) {
    add(core, "base64");
    add(core.replace(/\+/g, "-").replace(/\//g, "_"), "base64url");
  }
  return forms;
}

/** Every secret of `secrets` (by name) found in `text`, with the form it was found in. */
export function findSecrets(where: string, text: string, secrets: Record<string, string>): Finding[] {
  return Object.entries(secrets).flatMap(([name, secret]) =>
    [...secretForms(secret)].filter(([form]) => text.includes(form)).map(([, form]) => ({ where, secret: name, form })),
  );
}
