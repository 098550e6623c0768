import { describe, expect, it } from 'vitest'
import { EMPTY_CONTEXT } from '../../../../src/shared/commands/gate-model'
import { assessRisk } from '../../../../src/shared/commands/risk-rules'
import {
  BUILT_IN_TEMPLATES,
  fillTemplate,
  missingParameters,
  templateParameters,
} from '../../../../src/shared/commands/stop-gap-templates'

describe('risky rules', () => {
  it.each([
    ['rm -rf /var/cache/app', 'deletes files recursively or by force'],
    ['psql -c "DROP TABLE orders"', 'deletes data (SQL DROP / TRUNCATE / DELETE)'],
    ['kubectl -n shop delete pod api-1', 'deletes cluster resources'],
    ['kubectl scale deploy/api --replicas=0', 'scales to zero'],
    ['git push --force origin main', 'rewrites shared history (git push --force / reset --hard)'],
    ['sudo systemctl stop nginx', 'stops or disables a service'],
    ['kill -9 4242', 'kills processes'],
  ])('flags %s', (command, reason) => {
    expect(assessRisk(command, EMPTY_CONTEXT)).toContain(reason)
  })

  it('leaves read-only commands alone, and flags production contexts', () => {
    expect(assessRisk('kubectl get pods', EMPTY_CONTEXT)).toEqual([])
    expect(assessRisk('git add -p', EMPTY_CONTEXT)).toEqual([])
    expect(assessRisk('kubectl get pods', { ...EMPTY_CONTEXT, kubeContext: 'eu-prod-1' })).toEqual([
      'targets the production kube context "eu-prod-1"',
    ])
    expect(assessRisk('uptime', { ...EMPTY_CONTEXT, host: 'db-production-3' })).toHaveLength(1)
  })
})

describe('stop-gap templates', () => {
  it('fill their parameters and say which are missing', () => {
    const rollback = BUILT_IN_TEMPLATES.find((t) => t.id === 'k8s-rollback')!
    expect(templateParameters(rollback.command)).toEqual(['deployment', 'namespace'])
    expect(missingParameters(rollback.command, { deployment: 'checkout' })).toEqual(['namespace'])
    expect(fillTemplate(rollback.command, { deployment: 'checkout', namespace: 'shop' })).toBe(
      'kubectl rollout undo deployment/checkout -n shop',
    )
  })
  it('cover kubectl, systemd and docker for rollback, restart, scale and feature flags', () => {
    const tools = new Set(BUILT_IN_TEMPLATES.map((t) => t.tool))
    expect(tools).toEqual(new Set(['kubectl', 'systemd', 'docker']))
    for (const word of ['Roll back', 'Restart', 'Scale up', 'feature flag']) {
      expect(BUILT_IN_TEMPLATES.some((t) => t.title.includes(word))).toBe(true)
    }
  })
})
