import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor, shortcutHint, SHORTCUTS } from './shortcuts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; typing: boolean }> = {}) =>
  shortcutFor({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, typing: false, ...mods });

describe('shortcutFor', () => {
  it('maps the single keys, in either case', () => {
    expect(['m', 'V', 's', 'l', 'c', 'p'].map((k) => press(k))).toEqual([
      'toggle-mic',
      'toggle-camera',
      'toggle-share',
      'toggle-layout',
      'toggle-chat',
      'toggle-people',
    ]);
    expect(press('?', { shiftKey: true })).toBe('help');
  });

  it('maps Ctrl and Cmd combinations alike', () => {
    expect(press('d', { ctrlKey: true })).toBe('toggle-mic');
    expect(press('e', { metaKey: true })).toBe('toggle-camera');
    expect(press('H', { ctrlKey: true, shiftKey: true })).toBe('leave');
  });

  it('fires nothing while typing, with Alt, or for other keys and combinations', () => {
    expect(press('m', { typing: true })).toBeNull();
    expect(press('d', { ctrlKey: true, typing: true })).toBeNull();
    expect(press('m', { altKey: true })).toBeNull();
    expect(press('M', { shiftKey: true })).toBeNull();
    expect(press('c', { ctrlKey: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('h', { ctrlKey: true })).toBeNull();
  });

  it('gives every action a hint and a description', () => {
    for (const s of SHORTCUTS) {
      expect(shortcutHint(s.action)).not.toBe('');
      expect(s.description.length).toBeGreaterThan(5);
    }
  });
});

describe('isTypingTarget', () => {
  it('knows text fields from buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
