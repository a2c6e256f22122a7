import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadable } from './preloadable.tsx';

function Hello({ name }: { name: string }) {
  return <p>Bonjour {name}</p>;
}

describe('preloadable', () => {
  it('downloads once, then renders synchronously without suspending', async () => {
    let loads = 0;
    const page = preloadable(async () => {
      loads++;
      return { default: Hello };
    });
    const [first, second] = await Promise.all([page.preload(), page.preload()]);
    expect(first).toBe(Hello);
    expect(second).toBe(Hello);
    expect(loads).toBe(1);
    // A suspending component would throw here (no Suspense boundary in a static render).
    expect(renderToStaticMarkup(<page.Component name="Agnès" />)).toBe('<p>Bonjour Agnès</p>');
  });

  it('lets a failed download be retried', async () => {
    let attempts = 0;
    const page = preloadable(async () => {
      attempts++;
      if (attempts === 1) throw new Error('réseau');
      return { default: Hello };
    });
    await expect(page.preload()).rejects.toThrow('réseau');
    await expect(page.preload()).resolves.toBe(Hello);
    expect(attempts).toBe(2);
  });
});
