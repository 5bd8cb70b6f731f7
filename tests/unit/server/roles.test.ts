import { describe, expect, it } from 'vitest'
import { can, canAssignRole, canManageMember, rolePermissions, roles } from '@/server/authz/roles'
import { safeCallbackUrl } from '@/lib/safe-redirect'

describe('role table', () => {
  it('gives viewers read access, reviewers screening and extraction, leads the management rights, and owners also backups', () => {
    expect(rolePermissions.VIEWER).toEqual(['review.read', 'members.read', 'records.read', 'extraction.read', 'analysis.read'])
    expect(rolePermissions.REVIEWER).toEqual([...rolePermissions.VIEWER, 'screening.vote', 'fulltext.upload', 'extraction.enter'])
    expect(new Set(rolePermissions.OWNER)).toEqual(new Set([...rolePermissions.LEAD, 'review.export']))
    expect(can('LEAD', 'review.export')).toBe(false)
    for (const r of roles) expect(can(r, 'review.read')).toBe(true)
  })

  it('lets only owners make or touch owners', () => {
    expect(canAssignRole('OWNER', 'OWNER')).toBe(true)
    expect(canAssignRole('LEAD', 'OWNER')).toBe(false)
    expect(canAssignRole('LEAD', 'LEAD')).toBe(true)
    expect(canAssignRole('REVIEWER', 'VIEWER')).toBe(false)
    expect(canManageMember('LEAD', 'OWNER')).toBe(false)
    expect(canManageMember('LEAD', 'REVIEWER')).toBe(true)
    expect(canManageMember('OWNER', 'OWNER')).toBe(true)
    expect(canManageMember('VIEWER', 'VIEWER')).toBe(false)
  })
})

describe('sign-in redirects', () => {
  it('accepts same-site paths only', () => {
    expect(safeCallbackUrl('/reviews/abc')).toBe('/reviews/abc')
    expect(safeCallbackUrl('https://evil.example')).toBe('/reviews')
    expect(safeCallbackUrl('//evil.example')).toBe('/reviews')
    expect(safeCallbackUrl('/\\evil.example')).toBe('/reviews')
    expect(safeCallbackUrl(undefined)).toBe('/reviews')
  })
})
