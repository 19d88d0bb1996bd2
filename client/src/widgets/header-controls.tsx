// The header's feature controls (alert rules, sources) come from the shell through this context: the header is
// shared by several features and a widget never imports a feature. Without a provider the header has none.
import { type ComponentType, createContext } from 'react';

export const HeaderControls = createContext<ComponentType<{ roomId: string }> | null>(null);
