// `virtual:pwa-register`, which vite-plugin-pwa provides at build time.
/// <reference types="vite-plugin-pwa/vanillajs" />
