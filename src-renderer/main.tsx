// Renderer entry: one API client and one set of stores for the window, then React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client.js';
import { createStores } from './state/stores.js';
import { StoresContext } from './state/hooks.js';
import { App } from './app.js';
import './styles/app.css';

const stores = createStores(api());
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
