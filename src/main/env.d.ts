// electron-vite's module types for the main process (`?asset` imports resolve to a file path at runtime).
/// <reference types="electron-vite/node" />
