import { describe, expect, it } from 'vitest'
import {
  matchesAllowList,
  SUGGESTED_READ_ONLY,
  withPagersOff,
} from '../../../../src/shared/commands/allow-list'

const SUGGESTED = [...SUGGESTED_READ_ONLY]
const PLAIN = { firstWordKind: 'command' } as const
const matches = (text: string, list: readonly string[] = SUGGESTED) =>
  matchesAllowList(text, list, PLAIN)

describe('read-only allow-list: what still runs with zero approvals', () => {
  it.each([
    'kubectl get pods',
    'kubectl get pods -n shop -l app=web',
    'kubectl get pods -A -o wide',
    'kubectl get deploy,svc -n shop -owide --show-labels',
    'kubectl get pods -o=json --field-selector=status.phase=Running',
    'kubectl get pods --watch --request-timeout=5s',
    'kubectl describe pod api-1 -n shop',
    'kubectl logs api-1 -c app --tail=100 -n shop',
    'kubectl logs -p api-1 --since 10m --timestamps',
    'kubectl logs deploy/api --all-containers --follow',
    'kubectl top pods -n shop --sort-by=cpu',
    'systemctl status nginx',
    'systemctl status nginx.service --no-pager -l -n 50',
    'systemctl status getty@tty1.service',
    'journalctl -u api --since 10:00 -n 200 --no-pager',
    'journalctl -eu nginx',
    'journalctl -u api -o short-iso -f',
    'journalctl --boot=-1 -p err',
    'journalctl -u api --since -1h',
    'docker ps',
    'docker ps -a --filter status=exited',
    'docker ps --format json',
    'docker logs --tail 100 --follow api',
    'docker logs -n 50 -t api',
    'df',
    '  df -h',
    'df -hT /var',
    'df --output=source,pcent',
    'free -m',
    'free -h -w',
    'uptime',
    'uptime -p',
    'ps aux',
    'ps -ef',
    'ps auxww --sort=-%mem',
    'ps -eo pid,ppid,%cpu,cmd',
    'ps -p 1234 -o pid,etime',
  ])('%s matches the suggested list', (text) => {
    expect(matches(text)).toBe(true)
  })

  it('keeps every suggested entry useful: the entry itself matches', () => {
    for (const entry of SUGGESTED) expect(matches(entry), entry).toBe(true)
  })

  it('matches by whole words of an entry, and only the entries listed', () => {
    expect(matches('kubectl getx pods')).toBe(false)
    expect(matches('kubectl get pods', ['df'])).toBe(false)
    expect(matches('kubectl get pods', [])).toBe(false)
    expect(matches('kubectl get pods -n shop', ['kubectl get pods'])).toBe(true)
    expect(matches('kubectl get nodes', ['kubectl get pods'])).toBe(false)
  })

  it('applies the generic rules to programs it has no rules for', () => {
    const list = ['git log', 'helm list', 'cat']
    expect(matches('git log --oneline -n 20', list)).toBe(true)
    expect(matches('helm list -A', list)).toBe(true)
    expect(matches('cat /var/log/app.log', list)).toBe(true)
    expect(matches('git log --output=/etc/cron.d/x', list)).toBe(false)
    expect(matches('git log --exec-path=/tmp/x', list)).toBe(false)
    expect(matches('helm list --kube-context prod', list)).toBe(false)
    expect(matches('helm list --kubeconfig x', list)).toBe(false)
    expect(matches('helm list --post-renderer=x', list)).toBe(false)
    expect(matches('helm list --kube-insecure-skip-tls-verify', list)).toBe(false)
    expect(matches('git log -c core.pager=x', list)).toBe(false)
    expect(matches('cat -e /etc/passwd', list)).toBe(false)
    expect(matches('helm list -- x', list)).toBe(false)
  })

  it('says a quoted value is not a match: quotes are never read, so ask for approval', () => {
    expect(matches('journalctl -u api --since "2024-05-01 10:00"')).toBe(false)
    expect(matches("journalctl -u api --since '1 hour ago'")).toBe(false)
  })

  it('never matches when the first word is an alias or a function in this shell', () => {
    for (const firstWordKind of ['alias', 'function'] as const) {
      for (const text of ['df -h', 'kubectl get pods', 'uptime']) {
        expect(matchesAllowList(text, SUGGESTED, { firstWordKind }), text).toBe(false)
      }
    }
  })
})

describe('read-only allow-list: near misses that must need approval', () => {
  it.each([
    // switching the kubeconfig, target or identity (an exec plugin runs any program)
    'kubectl get pods --kubeconfig X',
    'kubectl get pods --kubeconfig=/tmp/x.yaml',
    'kubectl get pods --context prod',
    'kubectl get pods --cluster=other',
    'kubectl get pods --user admin',
    'kubectl get pods --as system:admin',
    'kubectl get pods --as-group=system:masters',
    'kubectl get pods --server https://evil:6443',
    'kubectl get pods -s https://evil:6443',
    'kubectl get pods --token abc',
    'kubectl get pods --insecure-skip-tls-verify',
    // templates and files
    'kubectl get pods -o go-template=x',
    'kubectl get pods -ogo-template-file=/tmp/t',
    'kubectl get pods --output=jsonpath-file=/tmp/t',
    'kubectl get pods -o custom-columns-file=/tmp/c',
    'kubectl get pods --template x',
    'kubectl get -f http://evil.example/x.yaml',
    'kubectl get -k ./overlay',
    'kubectl get pods --raw /api/v1/secrets',
    'kubectl get pods --profile=cpu --profile-output=/etc/cron.d/x',
    'kubectl get pods -v=9',
    // shell expansion: globs, tilde, quotes, escapes, variables, history, zsh =
    'kubectl get pods *',
    'kubectl get pods ?-kubeconfig=x',
    'kubectl get pods [-]-kubeconfig=x',
    'kubectl get pods ~/x',
    'kubectl get pods "--kubeconfig=x"',
    "kubectl get pods '--kubeconfig=x'",
    'kubectl get pods \\--kubeconfig=x',
    'kubectl get pods $KUBE_FLAGS',
    'kubectl get pods !!',
    'kubectl get pods {a,b}',
    'df =sh',
    'df --output==sh',
    // a value that is an option, end of options
    'kubectl get pods -n --kubeconfig=x',
    'kubectl get pods -- --kubeconfig=x',
    'kubectl get pods -n',
    // env assignments and look-alike separators
    'KUBECONFIG=/tmp/x kubectl get pods',
    'kubectl get pods\u00a0--kubeconfig x',
    'kubectl get pods \u2014kubeconfig=x',
    // not read-only, or secrets on screen
    'kubectl get secrets -o yaml',
    'kubectl describe secret db-creds',
    'kubectl logs api-1 --insecure-skip-tls-verify-backend',
    // docker: another daemon, templates, config
    'docker ps -H tcp://evil:2375',
    'docker ps --host=tcp://evil:2375',
    'docker ps --context prod',
    'docker ps -c prod',
    'docker ps --format table-{{.ID}}',
    'docker ps --format=x',
    'docker logs --config /tmp/d api',
    // systemctl: another host or machine, or a change
    'systemctl status nginx -H root@db',
    'systemctl status --host=db nginx',
    'systemctl status -M container nginx',
    'systemctl status --user nginx',
    // journalctl: deletes or writes
    'journalctl --vacuum-time=1s',
    'journalctl --rotate',
    'journalctl -D /tmp/x',
    'journalctl --cursor-file=/etc/x',
    // ps: the environment of processes
    'ps e',
    'ps auxe',
    'ps -o pid,environ',
    'ps -eo pid,cmd -O environ',
    // uptime and free take no arguments
    'uptime /etc/passwd',
    'free 1',
    // property names of a JavaScript object are not options
    'kubectl get pods --constructor',
    'kubectl get pods --__proto__',
    'kubectl get pods --toString',
    // chaining, pipes, redirections, substitutions, lines
    'df; rm -rf /',
    'df && reboot',
    'df | sh',
    'df > /etc/passwd',
    'df $(reboot)',
    'df `reboot`',
    'df &',
    'df\nreboot',
    'df\rreboot',
    'df # comment',
  ])('%j is not a match', (text) => {
    expect(matches(text)).toBe(false)
  })

  it('refuses sub-commands that change something even when the entry allows the program', () => {
    const list = ['kubectl', 'systemctl', 'docker']
    expect(matches('kubectl get pods', list)).toBe(true)
    expect(matches('kubectl delete pod api-1', list)).toBe(false)
    expect(matches('kubectl exec api-1 -- sh', list)).toBe(false)
    expect(matches('kubectl edit deploy/api', list)).toBe(false)
    expect(matches('systemctl restart nginx', list)).toBe(false)
    expect(matches('systemctl edit nginx', list)).toBe(false)
    expect(matches('docker run alpine', list)).toBe(false)
    expect(matches('docker inspect api', list)).toBe(false)
  })

  it('refuses programs that run other commands or read them from the keyboard', () => {
    const list = ['sh', 'env', 'sudo', 'xargs', 'find', 'less', 'top', 'watch', '/bin/bash']
    for (const text of [
      'sh -c id',
      'env df',
      'sudo df',
      'xargs df',
      'find . -name x',
      'less /var/log/syslog',
      'top',
      'watch df',
      '/bin/bash script',
    ]) {
      expect(matches(text, list), text).toBe(false)
    }
  })

  it('refuses shell builtins and keywords that change what later commands run', () => {
    const list = ['hash', 'alias', 'export', 'cd', 'printf', 'coproc', 'function']
    for (const text of [
      'hash -p /tmp/evil df',
      'alias df=reboot',
      'export PATH=/tmp',
      'cd /tmp/evil',
      'printf -v PATH /tmp',
      'coproc df',
      'function df',
    ]) {
      expect(matches(text, list), text).toBe(false)
    }
  })

  it('refuses a program given by a path relative to the working directory', () => {
    expect(matches('./kubectl get pods', ['./kubectl get'])).toBe(false)
    expect(matches('bin/df -h', ['bin/df'])).toBe(false)
    expect(matches('/usr/bin/df -h', ['/usr/bin/df'])).toBe(true)
    expect(matches('/usr/bin/kubectl get pods --kubeconfig x', ['/usr/bin/kubectl get'])).toBe(
      false,
    )
  })

  it('refuses an entry that itself holds an assignment or a forbidden option', () => {
    expect(matches('KUBECONFIG=x kubectl get pods', ['KUBECONFIG=x kubectl get'])).toBe(false)
    expect(matches('kubectl --kubeconfig=x get pods', ['kubectl --kubeconfig=x get'])).toBe(false)
    expect(matches('kubectl get pods --context prod', ['kubectl get pods --context prod'])).toBe(
      false,
    )
  })
})

describe('allow-listed commands run with pagers off', () => {
  it('sets every pager to cat and less to its secure mode, before the command itself', () => {
    expect(withPagersOff('systemctl status nginx')).toBe(
      'PAGER=cat SYSTEMD_PAGER=cat GIT_PAGER=cat MANPAGER=cat AWS_PAGER=cat PSQL_PAGER=cat ' +
        'LESSSECURE=1 systemctl status nginx',
    )
  })
})
