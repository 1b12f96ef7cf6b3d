/**
 * Which zones (学区) serve a family's community: the one lookup behind the registration page's
 * school choice and the server's check of that choice. A community may lie in more than one zone
 * of a stage (multi-zone 划片); then the schools of all of them are its zone schools.
 */

/** What the lookup needs of a zone (the store's Zone, or the zone list a page is given). */
export interface ZoneArea {
  readonly stage: string;
  readonly communities: readonly string[];
}

/** The zones of `stage` that serve `community` (none when the community is unknown). */
export const zonesServing = <Z extends ZoneArea>(
  zones: readonly Z[],
  community: string,
  stage: string,
): Z[] => zones.filter((z) => z.stage === stage && z.communities.includes(community));

/** The zone schools serving a community for a stage (empty when the community is unknown). */
export const zoneSchoolIds = (
  zones: readonly (ZoneArea & { readonly schoolIds: readonly string[] })[],
  community: string,
  stage: string,
): string[] => [...new Set(zonesServing(zones, community, stage).flatMap((z) => z.schoolIds))];

/**
 * The communities of a stage whose name contains `query` (trimmed; nothing for an empty query),
 * each once with the zones serving it, at most `limit` of them.
 */
export function communitySearch<Z extends ZoneArea>(
  zones: readonly Z[],
  stage: string,
  query: string,
  limit: number,
): { readonly community: string; readonly zones: Z[] }[] {
  const q = query.trim();
  if (!q) return [];
  const out = new Map<string, Z[]>();
  for (const z of zones)
    if (z.stage === stage)
      for (const c of z.communities)
        if (c.includes(q)) {
          if (!out.has(c) && out.size >= limit) continue;
          out.set(c, [...(out.get(c) ?? []), z]);
        }
  return [...out].map(([community, zs]) => ({ community, zones: zs }));
}

/** The schools of some zones as a page lists them: each school once, in zone order. */
export const zoneSchools = <S extends { readonly id: string }>(
  zones: readonly { readonly schools: readonly S[] }[],
): S[] => zones.flatMap((z) => z.schools).filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i);
