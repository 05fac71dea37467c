import * as Comlink from 'comlink';
import { createImbalanceApi } from './imbalance.api';

Comlink.expose(createImbalanceApi());
