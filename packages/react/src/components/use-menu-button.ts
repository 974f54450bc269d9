/**
 * A menu button (WAI-ARIA menu button pattern), as `<UserButton>` and UserProfile's "Connect
 * account" use it: Enter, Space or ArrowDown open the menu on its first item, ArrowUp on its
 * last; inside, arrows move (wrapping), Home and End jump, Escape closes and returns focus to
 * the button, Tab closes; a click outside the root closes it too.
 */
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';

const items = (menu: HTMLElement | null) =>
  menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')] : [];

export function useMenuKeyboard(
  menu: RefObject<HTMLElement | null>,
  button: RefObject<HTMLElement | null>,
  open: boolean,
  setOpen: (open: boolean, focus?: 'first' | 'last') => void,
) {
  const onButtonKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (['Enter', ' ', 'ArrowDown'].includes(e.key)) {
        e.preventDefault();
        setOpen(true, 'first');
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setOpen(true, 'last');
      }
    },
    [setOpen],
  );
  const onMenuKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (!open) return;
      const list = items(menu.current);
      const at = list.indexOf(document.activeElement as HTMLElement);
      const go = (i: number) => list[(i + list.length) % list.length]?.focus();
      if (e.key === 'ArrowDown') go(at + 1);
      else if (e.key === 'ArrowUp') go(at - 1);
      else if (e.key === 'Home') go(0);
      else if (e.key === 'End') go(list.length - 1);
      else if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      } else if (e.key === 'Tab') setOpen(false);
      else return;
      if (e.key !== 'Tab') e.preventDefault();
    },
    [open, menu, button, setOpen],
  );
  return {
    onButtonKeyDown,
    onMenuKeyDown,
    focusItem: (which: 'first' | 'last') => {
      const list = items(menu.current);
      (which === 'first' ? list[0] : list.at(-1))?.focus();
    },
  };
}

/** The menu button's state: its open flag, the refs its elements take, and its keyboard handlers. */
export function useMenuButton() {
  const [open, setOpenState] = useState(false);
  const [focusOnOpen, setFocusOnOpen] = useState<'first' | 'last' | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const setOpen = useCallback((next: boolean, focus?: 'first' | 'last') => {
    setOpenState(next);
    setFocusOnOpen(next ? (focus ?? null) : null);
  }, []);
  const keys = useMenuKeyboard(menuRef, buttonRef, open, setOpen);
  const { focusItem } = keys;
  useEffect(() => {
    if (open && focusOnOpen) focusItem(focusOnOpen);
  }, [open, focusOnOpen, focusItem]);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open, setOpen]);
  /** Spread on the button that opens the menu. */
  const buttonProps = {
    ref: buttonRef,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open,
    'aria-controls': open ? menuId : undefined,
    onClick: () => setOpen(!open),
    onKeyDown: keys.onButtonKeyDown,
  };
  /** Spread on the menu (rendered while `open`, with `role="menu"`). */
  const menuProps = { ref: menuRef, id: menuId, tabIndex: -1, onKeyDown: keys.onMenuKeyDown };
  return { open, setOpen, rootRef, buttonRef, buttonProps, menuProps };
}
