import * as Comlink from 'comlink';
import { createOfflineOnlineApi } from './offline-online.api';

Comlink.expose(createOfflineOnlineApi());
