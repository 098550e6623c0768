# War Room shell integration for bash (started as: bash --rcfile <this file> -i).
# Loads the user's own rc first, then marks the prompt and each command with OSC 133
# sequences (A: prompt, C: command starts, D;code: finished), as VS Code and iTerm2
# do, so War Room knows when the shell is idle, and reports the context a command runs
# in (cwd, user@host, kube context/namespace) and the names of aliases and functions.
# War Room removes these marks before showing output.

# (Debian's bash reads /etc/bash.bashrc itself, --rcfile or not.)
if [ -r "$HOME/.bashrc" ]; then
  . "$HOME/.bashrc"
fi

if [ -z "${__warroom_installed-}" ] && [ "${BASH_VERSINFO[0]:-0}" -ge 4 ]; then
  __warroom_installed=1

  # Escapes a value for a report: backslash, ';', and control characters as \xHH.
  __warroom_esc() {
    local value=$1 out= char i
    if [[ $value != *[\\\;[:cntrl:]]* ]]; then
      printf '%s' "$value"
      return
    fi
    for ((i = 0; i < ${#value}; i++)); do
      char=${value:i:1}
      case $char in
        \\ | \; | [[:cntrl:]]) printf -v char '\\x%02x' "'$char" ;;
      esac
      out+=$char
    done
    printf '%s' "$out"
  }

  __warroom_report() {
    local kube_context= kube_ns= aliases functions
    if command -v kubectl >/dev/null 2>&1; then
      kube_context=$(kubectl config current-context 2>/dev/null)
      kube_ns=$(kubectl config view --minify --output 'jsonpath={..namespace}' 2>/dev/null)
    fi
    aliases=$(compgen -a 2>/dev/null | tr '\n' ',')
    functions=$(compgen -A function 2>/dev/null | grep -v '^__warroom' | tr '\n' ',')
    printf '\e]6973;ctx;cwd=%s;user=%s;host=%s;kube=%s;ns=%s\a' \
      "$(__warroom_esc "$PWD")" "$(__warroom_esc "${USER:-$(id -un)}")" \
      "$(__warroom_esc "${HOSTNAME:-$(hostname)}")" "$(__warroom_esc "$kube_context")" \
      "$(__warroom_esc "$kube_ns")"
    printf '\e]6973;names;alias=%s;function=%s\a' "$(__warroom_esc "$aliases")" \
      "$(__warroom_esc "$functions")"
  }

  # Input typed while a command ran and left unread would run at this prompt without
  # approval: drop it, and say so on screen.
  __warroom_drain() {
    local junk
    if read -r -t 0 2>/dev/null; then
      while IFS= read -r -s -t 0.05 junk 2>/dev/null; do :; done
      printf '\e[2m[war room] discarded input typed while the command ran\e[0m\n'
    fi
  }

  __warroom_precmd() {
    printf '\e]133;D;%s\a' "$__warroom_status"
    __warroom_drain
    __warroom_report
    printf '\e]133;A\a'
  }

  PS0=$'\e]133;C\a'"${PS0-}"
  PROMPT_COMMAND="__warroom_status=\$?;${PROMPT_COMMAND:+${PROMPT_COMMAND%;};}__warroom_precmd"
fi
