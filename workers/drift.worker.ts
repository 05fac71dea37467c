import * as Comlink from 'comlink';
import { createDriftApi } from './drift.api';

Comlink.expose(createDriftApi());
