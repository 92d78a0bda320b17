import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadRoles } from './app/roles';
import './styles/app.css';

// Role titles, homes and department-ness are the engine's data: read before the first render.
void loadRoles().then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
));
