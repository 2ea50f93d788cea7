import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import './app/events' // the shell's own subscriptions (each feature's are made by its index.ts)
import { t } from './i18n'
import { connectEvents } from './state/events'
import './styles/app.css'

document.documentElement.lang = t.lang
document.documentElement.dir = t.dir
document.title = t.appName

connectEvents()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
}
