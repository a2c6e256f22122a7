import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh React root in a container attached to the document for each test of the file (happy-dom
 * renderer tests), unmounted after it. Call at the top level of the test file.
 */
export function reactRootPerTest(): { readonly container: HTMLElement; readonly root: Root } {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let container: HTMLElement | undefined;
  let root: Root | undefined;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root?.unmount());
    container?.remove();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('reactRootPerTest : racine lue hors d’un test');
    return value;
  };
  return {
    get container() {
      return ready(container);
    },
    get root() {
      return ready(root);
    },
  };
}
