import * as Comlink from 'comlink';
import { createAbtestApi } from './abtest.api';

Comlink.expose(createAbtestApi());
