# War Room shell integration for bash (started as: bash --rcfile <this file> -i).
#
# Reads this shell's secret nonce (from a file only this shell reads, deleted at once; the
# nonce is a shell variable, never exported, so programs started from here do not inherit
# it), loads the user's own rc, then marks each prompt and command with OSC 6973 sequences
# that carry the nonce: War Room believes only marks with it. At each prompt it reports the
# exit code, the context (cwd, user@host, kube context/namespace) and the names of aliases
# and functions, and discards input typed while the last command ran, partial lines and
# literal-next included, so the prompt is clean when War Room writes an approved command.
# War Room removes every mark before showing output.

if [ -n "${WARROOM_NONCE_FILE-}" ]; then
  IFS= read -r __warroom_nonce <"$WARROOM_NONCE_FILE" 2>/dev/null
  command rm -f -- "$WARROOM_NONCE_FILE" 2>/dev/null
  # Where the next keys are handed over at each prompt (<this>.<seq>, see below).
  __warroom_handoff=$WARROOM_NONCE_FILE
fi
unset WARROOM_NONCE_FILE

# (Debian's bash reads /etc/bash.bashrc itself, --rcfile or not.)
if [ -r "$HOME/.bashrc" ]; then
  . "$HOME/.bashrc"
fi

if [ -z "${__warroom_installed-}" ] && [ -n "${__warroom_nonce-}" ] &&
  [ "${BASH_VERSINFO[0]:-0}" -ge 4 ]; then
  __warroom_installed=1

  __warroom_mark() {
    printf '\e]6973;%s;%s\a' "$__warroom_nonce" "$1"
  }

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
    __warroom_mark "ctx;cwd=$(__warroom_esc "$PWD");user=$(__warroom_esc "${USER:-$(id -un)}");host=$(__warroom_esc "${HOSTNAME:-$(hostname)}");kube=$(__warroom_esc "$kube_context");ns=$(__warroom_esc "$kube_ns");path=$(__warroom_esc "$PATH")"
    __warroom_mark "names;alias=$(__warroom_esc "$aliases");function=$(__warroom_esc "$functions")"
  }

  # Everything waiting on the terminal's input (typed while the command ran): whole lines,
  # a partial line, a literal-next CR. `read -n` puts the tty in non-canonical mode, where
  # a partial line becomes readable too.
  __warroom_drain() {
    local junk= got=
    while IFS= read -r -s -d '' -n 4096 -t 0.005 junk 2>/dev/null; do got+=$junk; done
    got+=$junk
    if [[ -n $got ]]; then
      printf '\e[2m[war room] discarded input typed while the command ran\e[0m\n'
    fi
  }

  # First in PROMPT_COMMAND: the command's exit code, before anything else runs.
  __warroom_prompt_start() {
    __warroom_status=$?
    { local -; set +x; } 2>/dev/null
    __warroom_mark "D;$__warroom_status"
    return $__warroom_status
  }

  # Fresh keys for the next command, two of them: the start key signs only the command-start
  # mark (printed as the command starts, so the command may see it); the end key signs its
  # end, the reports and the next prompt, and is never printed before the command ended.
  # They reach the host through a file only this user can read, numbered by the prompt
  # mark, never through the terminal: a session log holds only spent keys.
  # (bash 5.1+: $SRANDOM; older: the kernel's random bytes.)
  __warroom_next_keys() {
    local r
    if [[ -n ${SRANDOM-} ]]; then
      printf -v __warroom_next_start '%08x%08x%08x%08x' "$SRANDOM" "$SRANDOM" "$SRANDOM" "$SRANDOM"
      printf -v __warroom_next_end '%08x%08x%08x%08x' "$SRANDOM" "$SRANDOM" "$SRANDOM" "$SRANDOM"
    else
      r=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
      __warroom_next_start=${r:0:32}
      __warroom_next_end=${r:32:32}
    fi
    ((__warroom_seq++))
    printf '%s %s\n' "$__warroom_next_start" "$__warroom_next_end" 2>/dev/null \
      >|"$__warroom_handoff.$__warroom_seq"
  }

  # What no approved command may change for the next one: the key War Room sends before an
  # approved command clears the line, the bracketed paste its text comes in (pasted text is
  # inserted as it is: no key binding or macro applies to it), Enter accepts it, and the
  # command-start mark is in PS0. Set again at every prompt.
  __warroom_keys() {
    local map
    bind 'set enable-bracketed-paste on' 2>/dev/null
    for map in emacs vi-insert vi-command; do
      bind -m "$map" '"\e[6973~": kill-whole-line' 2>/dev/null
      bind -m "$map" '"\e[200~": bracketed-paste-begin' 2>/dev/null
      bind -m "$map" '"\C-m": accept-line' 2>/dev/null
      bind -m "$map" '"\C-j": accept-line' 2>/dev/null
    done
    PS0=$'\e]6973;'"$__warroom_start_nonce"$';C\a'"$__warroom_user_ps0"
  }

  # What runs around an approved command besides its text: the DEBUG, RETURN and ERR traps
  # and the options that make them reach into functions go back to what the user's own rc
  # set up, so an approved `source` cannot hook a later command. And no history expansion:
  # `!!` in an approved line would run some earlier line. Last in PROMPT_COMMAND, outside
  # the functions that keep their options local.
  __warroom_guard() {
    local traps
    traps=$(trap -p DEBUG RETURN ERR)
    if [[ $traps != "$__warroom_user_traps" ]]; then
      trap - DEBUG RETURN ERR
      eval "$__warroom_user_traps"
      printf '\e[2m[war room] restored the shell traps the last command changed\e[0m\n'
    fi
    shopt -u extdebug
    [[ $__warroom_user_functrace == on ]] || set +T
    [[ $__warroom_user_errtrace == on ]] || set +E
    set +H
  }

  # Next in PROMPT_COMMAND: context, a clean line, the next keys, then the prompt mark
  # (naming the file the next keys are in).
  __warroom_prompt_end() {
    { local -; set +x; } 2>/dev/null
    __warroom_report
    __warroom_drain
    __warroom_next_keys
    __warroom_mark "A;seq=$__warroom_seq"
    __warroom_nonce=$__warroom_next_end
    __warroom_start_nonce=$__warroom_next_start
    __warroom_keys
  }

  __warroom_seq=0
  __warroom_start_nonce=
  __warroom_user_ps0=${PS0-}
  __warroom_user_traps=$(trap -p DEBUG RETURN ERR)
  __warroom_user_functrace=$([[ $- == *T* ]] && echo on)
  __warroom_user_errtrace=$([[ $- == *E* ]] && echo on)
  __warroom_keys
  # The user's own prompt commands (a string, or bash 5.1's array) run between ours.
  __warroom_user_pc=
  for __warroom_item in "${PROMPT_COMMAND[@]}"; do
    [[ -n $__warroom_item ]] && __warroom_user_pc+="${__warroom_item%;};"
  done
  unset PROMPT_COMMAND __warroom_item
  PROMPT_COMMAND="__warroom_prompt_start;${__warroom_user_pc}__warroom_prompt_end;__warroom_guard"
  # An approved command can neither redefine nor remove what keeps the prompt clean: the
  # integration's functions, PROMPT_COMMAND and what the user's rc set up are read-only
  # (changing the keys instead makes the host see the integration lost, and fail closed).
  # The guard sees and resets the shell's own DEBUG and RETURN traps (a function without
  # the trace attribute neither sees nor changes them).
  declare -ft __warroom_guard
  readonly -f __warroom_mark __warroom_esc __warroom_report __warroom_drain \
    __warroom_prompt_start __warroom_prompt_end __warroom_next_keys __warroom_keys \
    __warroom_guard
  readonly PROMPT_COMMAND __warroom_handoff __warroom_user_ps0 __warroom_user_traps \
    __warroom_user_functrace __warroom_user_errtrace
fi
