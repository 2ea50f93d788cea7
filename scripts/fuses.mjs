// Electron fuses: switches compiled into the Electron binary, flipped once at packaging time (electron-builder's
// afterPack hook, see electron-builder.cjs) so that no environment variable or command-line flag can turn the shipped
// app into something else. Every fuse is set explicitly (strictlyRequireAllFuses): a future Electron that adds a fuse
// fails the package build until someone decides about it here.
import { join } from 'node:path'
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'

/** Each fuse with the value we ship and the one-line reason. */
export const FUSE_CHOICES = [
  // Otherwise ELECTRON_RUN_AS_NODE=1 turns the signed app into a plain Node that runs any script with our identity.
  { fuse: 'RunAsNode', value: false },
  // Cookies (and local storage keys) on disk encrypted with the OS keychain key, like the vault's own secrets.
  { fuse: 'EnableCookieEncryption', value: true },
  // NODE_OPTIONS could --require arbitrary code into the main process, which holds the unlocked vault.
  { fuse: 'EnableNodeOptionsEnvironmentVariable', value: false },
  // --inspect/--inspect-brk would let anything on the machine attach a debugger to the main process and read codes.
  // (This is also why the packaged smoke test drives the window over --remote-debugging-port, not Playwright's _electron.)
  { fuse: 'EnableNodeCliInspectArguments', value: false },
  // app.asar is checked against the hash electron-builder embeds (macOS Info.plist, Windows resource) before loading;
  // Linux has no embedded hash and ignores this fuse.
  { fuse: 'EnableEmbeddedAsarIntegrityValidation', value: true },
  // Without it a loose resources/app folder next to app.asar would be loaded instead, bypassing the integrity check.
  { fuse: 'OnlyLoadAppFromAsar', value: true },
  // We ship no custom V8 snapshot for the browser process; the default snapshot is the tested one.
  { fuse: 'LoadBrowserProcessSpecificV8Snapshot', value: false },
  // Kept ON: the renderer is loaded from file:// as ES modules (electron-vite output), which Chromium refuses to load
  // from file:// without Electron's extra file privileges; turning it off needs a custom app:// protocol first.
  { fuse: 'GrantFileProtocolExtraPrivileges', value: true },
  // Electron's default; WebAssembly bounds checks through trap handlers are faster and not a security risk.
  { fuse: 'WasmTrapHandlers', value: true }
]

export function fuseConfig({ resetAdHocDarwinSignature = false } = {}) {
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature }
  for (const { fuse, value } of FUSE_CHOICES) {
    const index = FuseV1Options[fuse]
    if (index === undefined) throw new Error(`@electron/fuses does not know the fuse ${fuse}`)
    config[index] = value
  }
  return config
}

/** The file holding the fuse wire, as @electron/fuses wants it: the .app bundle on macOS, the executable elsewhere. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName)
}

/** electron-builder afterPack hook: runs after the app is copied and before signing, so the signature covers the fuses. */
export async function afterPack(context) {
  // Arch 3 is arm64 in electron-builder's Arch enum: an unsigned arm64 macOS binary must be re-signed ad hoc after
  // its bytes change, or macOS refuses to start it (a signed build is signed again by electron-builder anyway).
  const isMacArm = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === 3
  await flipFuses(electronBinaryPath(context), fuseConfig({ resetAdHocDarwinSignature: isMacArm }))
}

export default afterPack
