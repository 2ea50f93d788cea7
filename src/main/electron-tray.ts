// Adapters from Electron's Tray, Menu and Notification to the small shapes the tray service uses. Kept apart
// so tray.ts stays free of Electron and fully unit-tested; this file is only wiring.
import type { Menu as MenuT, MenuItemConstructorOptions, NativeImage, Notification as NotificationT, Tray as TrayT } from 'electron'
import type { NotificationLike, TrayAction, TrayLike, TrayMenuItem } from './tray'

export interface ElectronTrayDeps {
  Tray: new (image: NativeImage) => TrayT
  Menu: Pick<typeof MenuT, 'buildFromTemplate'>
  icon: NativeImage
}

export function createElectronTray(deps: ElectronTrayDeps): TrayLike {
  const tray = new deps.Tray(deps.icon)
  return {
    setToolTip: (text) => tray.setToolTip(text),
    setMenu(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void) {
      const template: MenuItemConstructorOptions[] = items.map((item) => {
        switch (item.kind) {
          case 'separator':
            return { type: 'separator' }
          case 'label':
            return { label: item.label, enabled: false }
          case 'action':
            return { label: item.label, click: () => onAction(item.action) }
        }
      })
      tray.setContextMenu(deps.Menu.buildFromTemplate(template))
    },
    onClick: (listener) => {
      tray.on('click', () => listener())
    },
    destroy: () => tray.destroy()
  }
}

export interface ElectronNotificationDeps {
  Notification: (new (options: { title: string; body: string }) => NotificationT) & { isSupported(): boolean }
}

export function createElectronNotificationFactory(deps: ElectronNotificationDeps): (content: { title: string; body: string }) => NotificationLike | null {
  // An unreferenced Notification can be garbage-collected while still on screen, and its click is then lost:
  // hold each one until it is clicked or closed.
  const live = new Set<NotificationT>()
  return (content) => {
    if (!deps.Notification.isSupported()) return null
    const n = new deps.Notification({ title: content.title, body: content.body })
    live.add(n)
    const release = (): void => {
      live.delete(n)
    }
    n.once('close', release)
    n.once('failed', release)
    return {
      onClick(listener) {
        n.once('click', () => {
          release()
          listener()
        })
      },
      show: () => n.show()
    }
  }
}
