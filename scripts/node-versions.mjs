// The Node versions the product supports, read from the root package.json's `engines.node`
// (the one place they are stated), e.g. "^20.19.0 || ^22.12.0 || ^24.0.0".

/** Each supported major with its lowest minor: [{ major: 20, minor: 19 }, …]. */
export function supportedNode(engines) {
  return engines.split('||').map((range) => {
    const m = /^\s*\^(\d+)\.(\d+)\.\d+\s*$/.exec(range);
    if (!m) throw new Error(`engines.node: "${range.trim()}" is not of the form ^major.minor.patch`);
    return { major: Number(m[1]), minor: Number(m[2]) };
  });
}

/** True when the version ("24.1.0") is within one of the supported ranges. */
export function isSupportedNode(version, supported) {
  const [major, minor] = version.split('.').map(Number);
  return supported.some((s) => s.major === major && minor >= s.minor);
}
