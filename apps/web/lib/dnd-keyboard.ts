import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

const DIRECTIONS: Record<string, { x: number; y: number }> = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowDown: { x: 0, y: 1 },
  ArrowUp: { x: 0, y: -1 },
};

/**
 * Keyboard moves for dnd-kit's KeyboardSensor that jump from drop target to drop target (the next
 * column, the next day) instead of 25 pixels per key press: an arrow key centres the dragged item
 * on the nearest target in its direction, so one press is one move.
 */
export const jumpToNearestTarget: KeyboardCoordinateGetter = (
  event,
  { currentCoordinates, context },
) => {
  const direction = DIRECTIONS[event.code];
  const from = context.collisionRect;
  if (!direction || !from) return undefined;
  event.preventDefault();
  const cx = from.left + from.width / 2;
  const cy = from.top + from.height / 2;
  let best: { dx: number; dy: number; score: number } | null = null;
  for (const container of context.droppableContainers.getEnabled()) {
    // Right after pick-up dnd-kit may not have measured the targets yet: measure this one.
    const rect =
      context.droppableRects.get(container.id) ?? container.node.current?.getBoundingClientRect();
    if (!rect) continue;
    const dx = rect.left + rect.width / 2 - cx;
    const dy = rect.top + rect.height / 2 - cy;
    const along = dx * direction.x + dy * direction.y;
    // Only targets ahead, and mostly in that direction (the same row or column first).
    if (along <= 1) continue;
    const across = Math.abs(dx * direction.y + dy * direction.x);
    const score = along + 3 * across;
    if (!best || score < best.score) best = { dx, dy, score };
  }
  if (!best) return currentCoordinates;
  return { x: currentCoordinates.x + best.dx, y: currentCoordinates.y + best.dy };
};
