import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles/base.css';
import './styles/big-screen.css';
import './styles/alerts.css';
import './styles/assistant.css';
import './styles/prompter.css';
import './styles/replay.css';
import './styles/rules.css';
import './styles/sources.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
