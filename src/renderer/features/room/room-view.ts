/** This window is the room view (opened by "Open room view in a new window"). */
export function isRoomViewPage(): boolean {
  return new URLSearchParams(location.search).get('view') === 'room'
}
