// The registry API (src/registry/registry-routes.ts) with the server's own types: people, households, their
// history, reveal, and the region tree.
import type { Static } from 'typebox';
import type { RevealBody } from '../../../src/registry/registry-routes';
import type { HouseholdInput, HouseholdPatch } from '../../../src/registry/household-input';
import type { HouseholdView, MemberView, CategoryView } from '../../../src/registry/household-view';
import type { HistoryEntry, PersonQuery, PersonSummary, revealPerson, searchPersons } from '../../../src/registry/person-search';
import type { Permission } from '../../../src/platform/auth/roles';
import { apiRequest } from './client';

export type { PersonQuery, HouseholdInput, HouseholdPatch, HouseholdView, MemberView, CategoryView, HistoryEntry, PersonSummary, Permission };
export type PersonSearchResult = Awaited<ReturnType<typeof searchPersons>>;
export type RevealField = Static<typeof RevealBody>['field'];
export type RevealResult = Awaited<ReturnType<typeof revealPerson>>;

import type { RegionDetail, RegionNode } from '../../../src/registry/registry-routes';

export type { RegionDetail, RegionNode };

export const registryApi = {
  searchPersons: (query: PersonQuery, signal?: AbortSignal) =>
    apiRequest<PersonSearchResult>('GET', '/persons', { query, signal }),
  /** The ID number goes in the body, never in a URL. */
  lookupPerson: (idNumber: string) => apiRequest<PersonSummary>('POST', '/persons/lookup', { body: { idNumber } }),
  reveal: (personId: number, field: RevealField, reason: string) =>
    apiRequest<RevealResult>('POST', `/persons/${personId}/reveal`, { body: { field, reason } }),
  household: (id: number, signal?: AbortSignal) => apiRequest<HouseholdView>('GET', `/households/${id}`, { signal }),
  householdHistory: (id: number, signal?: AbortSignal) => apiRequest<HistoryEntry[]>('GET', `/households/${id}/history`, { signal }),
  createHousehold: (input: HouseholdInput) => apiRequest<HouseholdView>('POST', '/households', { body: input }),
  updateHousehold: (id: number, patch: HouseholdPatch) => apiRequest<HouseholdView>('PATCH', `/households/${id}`, { body: patch }),
  regionChildren: (code: string, signal?: AbortSignal) => apiRequest<RegionNode[]>('GET', `/regions/${code}/children`, { signal }),
  region: (code: string, signal?: AbortSignal) => apiRequest<RegionDetail>('GET', `/regions/${code}`, { signal }),
};
