// electron-builder configuration: the installers shop staff download from the release page.
//   npm run package          installers for the OS you are on
//   npm run package:win | package:mac | package:linux
// The packaging check (test/packaging/asar-contents.test.ts) runs this same configuration offline with a stand-in
// Electron and npmRebuild off, then opens app.asar to assert what is (and is not) inside.
// CommonJS on purpose: electron-builder looks for electron-builder.cjs and require()s it.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  // The same id src/main/index.ts passes to app.setAppUserModelId: Windows shows a toast only for the id the
  // Start-menu shortcut (made by the NSIS installer from this appId) carries.
  appId: 'com.resellerdesk.app',
  productName: 'ResellerDesk',
  copyright: 'Copyright © ResellerDesk',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only what the app runs: the electron-vite output (main, preload, renderer) and the icons the main process loads
  // from resources/ (see `?asset` imports). Production dependencies (package.json "dependencies") are added by
  // electron-builder itself; devDependencies (tsx, vitest, playwright, vite, electron-builder…) never are. The CLI
  // bundle (out/cli) is for developers and scripts, not for the desktop app.
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'resources/tray.png',
    'resources/tray@2x.png',
    'resources/icon.png',
    '!**/*.map',
    '!**/node_modules/better-sqlite3/{deps,src,docs,benchmark}/**',
    '!**/node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps,test_extension.node}{,/**}',
    '!**/node_modules/*/{README.md,CHANGELOG.md,*.d.ts,*.d.cts,*.d.mts,*.ts.map,*.js.map}'
  ],
  asar: true,
  // A native module cannot be dlopen()ed from inside an archive: better-sqlite3's addon lives in app.asar.unpacked.
  asarUnpack: ['**/node_modules/better-sqlite3/build/Release/*.node'],
  // Rebuild better-sqlite3 against Electron's headers for each target platform/arch while packaging (needs internet
  // for the headers, or npm_config_nodedir pointing at them). The offline packaging check turns this off.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack: './scripts/fuses.mjs',
  // The update feed electron-updater reads (app-update.yml inside the app): the GitHub release of this repository.
  // owner/repo come from GITHUB_REPOSITORY, which the release workflow always has. A local `npm run package` without
  // it builds an app with no feed, and src/main/updates.ts then leaves updates off: a guessed default would point
  // the shop's app at someone else's releases.
  publish: [
    {
      provider: 'github',
      releaseType: 'release',
      ...(process.env.GITHUB_REPOSITORY
        ? { owner: process.env.GITHUB_REPOSITORY.split('/')[0], repo: process.env.GITHUB_REPOSITORY.split('/')[1] }
        : {})
    }
  ],
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png'
  },
  nsis: {
    artifactName: '${productName}-Setup-${version}.${ext}',
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'ResellerDesk',
    // Uninstalling keeps the data folder: the vault and journal hold codes the shop paid for.
    deleteAppDataOnUninstall: false
  },
  mac: {
    // dmg is what people install from; the zip is what electron-updater downloads on macOS (Squirrel.Mac cannot
    // update from a dmg), so both are published.
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] }
    ],
    category: 'public.app-category.business',
    icon: 'resources/icon.png',
    hardenedRuntime: true,
    // Notarisation runs only when the Apple credentials are in the environment (see .github/workflows/release.yml);
    // without them electron-builder skips it and the dmg is left unsigned.
    notarize: Boolean(process.env.APPLE_TEAM_ID && process.env.APPLE_ID && process.env.APPLE_APP_SPECIFIC_PASSWORD)
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] }
    ],
    category: 'Office',
    icon: 'resources/icon.png',
    executableName: 'resellerdesk',
    maintainer: 'ResellerDesk <support@resellerdesk.invalid>',
    synopsis: 'Buy and manage digital codes from reseller APIs'
  },
  // The keychain backend on Linux (libsecret) for safeStorage; notifications; the tray.
  deb: { depends: ['libsecret-1-0', 'libnotify4', 'libxtst6', 'libnss3', 'libayatana-appindicator3-1 | libappindicator3-1'] },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' }
}
