# War Room shell integration for zsh: loads the user's .zshrc, then marks the prompt and
# each command with OSC 133 and reports the context (see ../warroom.bash).
ZDOTDIR=$__warroom_user_zdotdir
unset __warroom_user_zdotdir WARROOM_USER_ZDOTDIR WARROOM_INTEGRATION_DIR
[[ -r $ZDOTDIR/.zshrc ]] && . "$ZDOTDIR/.zshrc"

if [[ -z ${__warroom_installed-} ]]; then
  __warroom_installed=1

  __warroom_esc() {
    local value=$1 out= char
    if [[ $value != *[\\\;[:cntrl:]]* ]]; then
      print -rn -- "$value"
      return
    fi
    for char in ${(s::)value}; do
      case $char in
        \\ | \; | [[:cntrl:]]) out+=$(printf '\\x%02x' "'$char") ;;
        *) out+=$char ;;
      esac
    done
    print -rn -- "$out"
  }

  __warroom_report() {
    local kube_context= kube_ns=
    if (( $+commands[kubectl] )); then
      kube_context=$(kubectl config current-context 2>/dev/null)
      kube_ns=$(kubectl config view --minify --output 'jsonpath={..namespace}' 2>/dev/null)
    fi
    local alias_names=${(j:,:)${(k)aliases}}
    local function_names=${(j:,:)${(k)functions:#__warroom*}}
    printf '\e]6973;ctx;cwd=%s;user=%s;host=%s;kube=%s;ns=%s\a' \
      "$(__warroom_esc "$PWD")" "$(__warroom_esc "${USER:-$(id -un)}")" \
      "$(__warroom_esc "${HOST:-$(hostname)}")" "$(__warroom_esc "$kube_context")" \
      "$(__warroom_esc "$kube_ns")"
    printf '\e]6973;names;alias=%s;function=%s\a' "$(__warroom_esc "$alias_names")" \
      "$(__warroom_esc "$function_names")"
  }

  __warroom_precmd() {
    local code=$?
    printf '\e]133;D;%s\a' "$code"
    if read -t 0 -k 1 __warroom_junk 2>/dev/null; then
      while read -t 0.05 -k 1 __warroom_junk 2>/dev/null; do :; done
      printf '\e[2m[war room] discarded input typed while the command ran\e[0m\n'
    fi
    __warroom_report
    printf '\e]133;A\a'
  }

  __warroom_preexec() {
    printf '\e]133;C\a'
  }

  autoload -Uz add-zsh-hook
  # First in line, so it sees the command's own exit status.
  precmd_functions=(__warroom_precmd ${precmd_functions[@]})
  add-zsh-hook preexec __warroom_preexec
fi
