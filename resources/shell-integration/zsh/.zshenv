# War Room shell integration for zsh: ZDOTDIR points here, so zsh reads this file first.
# Take this shell's secret nonce (from a file only this shell reads, deleted at once; a
# shell variable, never exported), then hand the user's own startup files back to them.
if [[ -n ${WARROOM_NONCE_FILE-} ]]; then
  IFS= read -r __warroom_nonce <"$WARROOM_NONCE_FILE" 2>/dev/null
  command rm -f -- "$WARROOM_NONCE_FILE" 2>/dev/null
  # Where the next keys are handed over at each prompt (<this>.<seq>, see .zshrc).
  __warroom_handoff=$WARROOM_NONCE_FILE
fi
unset WARROOM_NONCE_FILE
typeset -g +x __warroom_nonce __warroom_handoff

if [[ -n ${WARROOM_USER_ZDOTDIR-} ]]; then
  ZDOTDIR=$WARROOM_USER_ZDOTDIR
else
  ZDOTDIR=$HOME
fi
[[ -r $ZDOTDIR/.zshenv ]] && . "$ZDOTDIR/.zshenv"
# Read our .zshrc (which loads theirs) next.
__warroom_user_zdotdir=$ZDOTDIR
ZDOTDIR=${WARROOM_INTEGRATION_DIR:-${${(%):-%x}:A:h}}
